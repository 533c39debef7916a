// U1: the privacy policy states purpose, scope, method and use, and its version is
// what a consent records. A new version is a new entry here.
export const privacyPolicy = {
  version: "2026-01",
  title: { zh: "商管平台隐私政策", en: "Shangguan Privacy Policy" },
  sections: [
    { key: "purpose", zh: "目的：为您提供账户、交易、配送、售后与客户服务，并履行法律义务。", en: "Purpose: to provide your account, orders, delivery, after-sales and customer service, and to meet legal duties." },
    { key: "scope", zh: "范围：仅收集必要信息——登录名（邮箱或手机号）、显示名称；下单时的收货地址与联系电话。", en: "Scope: only what is necessary — your login (e-mail or mobile number) and display name; for orders, the delivery address and contact number." },
    { key: "method", zh: "方式：由您主动填写；登录时记录 IP 地址与设备信息用于账户安全。", en: "Method: entered by you; your IP address and device are recorded at sign-in for account security." },
    { key: "use", zh: "使用：个人信息加密存储、默认脱敏显示，查看明文会被审计；不向第三方出售。", en: "Use: personal data is encrypted at rest and masked by default; every unmasked view is audited; it is never sold." },
    { key: "rights", zh: "您的权利：可随时查看、导出、更正、删除个人信息并注销账户。交易记录依法保存三年。", en: "Your rights: see, export, correct and delete your data and close your account at any time. Trade records are kept for three years by law." },
  ],
} as const;
