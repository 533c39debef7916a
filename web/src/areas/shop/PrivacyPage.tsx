import { Card } from "antd";
import { PrivacyPolicyText } from "../../components/PrivacyPolicy";

export function PrivacyPage() {
  return (
    <div style={{ padding: "32px 0" }}>
      <Card>
        <PrivacyPolicyText />
      </Card>
    </div>
  );
}
