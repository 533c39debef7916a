import { useRef } from "react";
import { Button, Typography } from "antd";
import { UploadOutlined } from "@ant-design/icons";

/**
 * Picks one report file (PDF, JPEG or PNG: what inspection bodies issue) and hands it over.
 * The file input stays hidden behind the button; test ids are `${testId}-input` and `-upload`.
 */
export function ReportFileButton({ testId, busy, label, hint, onFile }: { testId: string; busy: boolean; label: string; hint: string; onFile: (f: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div style={{ marginTop: 12 }}>
      <input
        ref={input}
        type="file"
        accept="application/pdf,image/jpeg,image/png"
        style={{ display: "none" }}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = "";
          if (f) onFile(f);
        }}
        data-testid={`${testId}-input`}
      />
      <Button icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()} data-testid={`${testId}-upload`}>
        {label}
      </Button>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
        {hint}
      </Typography.Paragraph>
    </div>
  );
}
