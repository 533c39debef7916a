import { AccountPage } from "../../auth/account/AccountPage";

export function ShopAccountPage() {
  return (
    <div style={{ padding: "24px 0 48px" }}>
      <AccountPage />
    </div>
  );
}
