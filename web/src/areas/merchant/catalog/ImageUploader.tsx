import { useEffect, useRef, useState } from "react";
import { Button, Flex, Image, Progress, Tooltip, Typography, Upload } from "antd";
import { ArrowLeftOutlined, ArrowRightOutlined, CloseOutlined, DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { ApiError, upload } from "../../../api";
import { catalogErrorText, imageUrl } from "./labels";
import type { UploadedImage } from "../../../types/catalog";

const MAX_BYTES = 10 * 1024 * 1024;
const TYPES = ["image/jpeg", "image/png", "image/webp"];
const MAX_IMAGES = 20;
const TILE = 112;

interface Pending {
  uid: string;
  name: string;
  percent: number;
  error?: string;
}

const tileStyle: React.CSSProperties = {
  width: TILE,
  height: TILE,
  borderRadius: 8,
  border: "1px solid #d9d9d9",
  position: "relative",
  overflow: "hidden",
  background: "#fafafa",
  flex: "none",
};

/**
 * The product's pictures (P2): several uploads at once with their progress, the order
 * changed by dragging or with the arrows; the first is the main picture. The value is the
 * list of image ids; the server checks type and size and says why it refuses one.
 */
export function ImageUploader({ value = [], onChange, disabled, invalid }: { value?: string[]; onChange?: (ids: string[]) => void; disabled?: boolean; invalid?: boolean }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<Pending[]>([]);
  const [dragging, setDragging] = useState<number | null>(null);
  // Several uploads finish in any order: each adds to the latest list, not to the one it started with.
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  }, [value]);

  const set = (ids: string[]) => {
    latest.current = ids;
    onChange?.(ids);
  };
  const move = (from: number, to: number) => {
    if (to < 0 || to >= value.length || from === to) return;
    const next = [...value];
    const [x] = next.splice(from, 1);
    next.splice(to, 0, x!);
    set(next);
  };
  const patch = (uid: string, p: Partial<Pending>) => setPending((list) => list.map((x) => (x.uid === uid ? { ...x, ...p } : x)));

  const send = async (file: File, uid: string) => {
    setPending((list) => [...list, { uid, name: file.name, percent: 0 }]);
    if (!TYPES.includes(file.type)) {
      patch(uid, { error: catalogErrorText(new ApiError(400, "IMAGE_TYPE_NOT_ALLOWED", "")) });
      return;
    }
    if (file.size > MAX_BYTES) {
      patch(uid, { error: catalogErrorText(new ApiError(400, "FILE_TOO_LARGE", "")) });
      return;
    }
    const form = new FormData();
    form.append("file", file, file.name);
    try {
      const img = await upload<UploadedImage>("/merchant/product-images", form, (percent) => patch(uid, { percent }));
      setPending((list) => list.filter((x) => x.uid !== uid));
      set([...latest.current, img.id]);
    } catch (e) {
      patch(uid, { error: catalogErrorText(e) });
    }
  };

  const full = value.length + pending.filter((p) => !p.error).length >= MAX_IMAGES;
  return (
    <div data-testid="image-uploader">
      <Flex gap={12} wrap>
        {value.map((id, i) => (
          <div
            key={id}
            draggable={!disabled}
            onDragStart={(e) => {
              setDragging(i);
              e.dataTransfer.effectAllowed = "move";
            }}
            onDragOver={(e) => {
              if (dragging !== null) e.preventDefault();
            }}
            onDrop={(e) => {
              e.preventDefault();
              if (dragging !== null) move(dragging, i);
              setDragging(null);
            }}
            onDragEnd={() => setDragging(null)}
            style={{ ...tileStyle, borderColor: i === 0 ? "#c2410c" : "#d9d9d9", opacity: dragging === i ? 0.4 : 1, cursor: disabled ? "default" : "grab" }}
            data-testid="image-tile"
            data-image-id={id}
          >
            <Image src={imageUrl(id, "thumb")} preview={{ src: imageUrl(id, "large") }} width={TILE} height={TILE} style={{ objectFit: "cover" }} alt="" />
            {i === 0 ? (
              <span style={{ position: "absolute", top: 0, left: 0, background: "#c2410c", color: "#fff", fontSize: 12, padding: "1px 6px", borderBottomRightRadius: 6 }} data-testid="main-image">
                {t("catalogAdmin.images.main")}
              </span>
            ) : null}
            {disabled ? null : (
              <Flex justify="space-between" style={{ position: "absolute", bottom: 0, left: 0, right: 0, background: "rgba(0,0,0,0.45)", padding: "2px 4px" }}>
                <Tooltip title={t("catalogAdmin.images.left")}>
                  <Button size="small" type="text" icon={<ArrowLeftOutlined />} style={{ color: "#fff" }} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t("catalogAdmin.images.left")} />
                </Tooltip>
                <Tooltip title={t("catalogAdmin.images.remove")}>
                  <Button
                    size="small"
                    type="text"
                    icon={<DeleteOutlined />}
                    style={{ color: "#fff" }}
                    onClick={() => set(value.filter((x) => x !== id))}
                    aria-label={t("catalogAdmin.images.remove")}
                    data-testid="image-remove"
                  />
                </Tooltip>
                <Tooltip title={t("catalogAdmin.images.right")}>
                  <Button
                    size="small"
                    type="text"
                    icon={<ArrowRightOutlined />}
                    style={{ color: "#fff" }}
                    disabled={i === value.length - 1}
                    onClick={() => move(i, i + 1)}
                    aria-label={t("catalogAdmin.images.right")}
                  />
                </Tooltip>
              </Flex>
            )}
          </div>
        ))}
        {pending.map((p) => (
          <div key={p.uid} style={{ ...tileStyle, borderColor: p.error ? "#ff4d4f" : "#d9d9d9", padding: 8, background: p.error ? "#fff1f0" : "#fafafa" }} data-testid={p.error ? "image-error" : "image-uploading"}>
            <Typography.Text ellipsis style={{ fontSize: 12, display: "block" }} title={p.name}>
              {p.name}
            </Typography.Text>
            {p.error ? (
              <>
                <Typography.Paragraph type="danger" style={{ fontSize: 12, margin: "4px 0 0", lineHeight: 1.35 }} ellipsis={{ rows: 4, tooltip: p.error }}>
                  {p.error}
                </Typography.Paragraph>
                <Button
                  size="small"
                  type="text"
                  icon={<CloseOutlined />}
                  style={{ position: "absolute", top: 2, right: 2 }}
                  onClick={() => setPending((list) => list.filter((x) => x.uid !== p.uid))}
                  aria-label={t("common.close")}
                />
              </>
            ) : (
              <Progress percent={p.percent} size="small" style={{ marginTop: 24 }} />
            )}
          </div>
        ))}
        {disabled || full ? null : (
          <Upload
            multiple
            accept={TYPES.join(",")}
            showUploadList={false}
            beforeUpload={(file) => {
              void send(file, file.uid);
              return false;
            }}
          >
            <button
              type="button"
              style={{ ...tileStyle, borderStyle: "dashed", borderColor: invalid ? "#ff4d4f" : "#d9d9d9", cursor: "pointer", display: "flex", flexDirection: "column", alignItems: "center", justifyContent: "center", gap: 6 }}
              data-testid="image-add"
            >
              <PlusOutlined />
              <span style={{ fontSize: 13 }}>{t("catalogAdmin.images.add")}</span>
            </button>
          </Upload>
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: "block", marginTop: 8 }}>
        {t("catalogAdmin.images.hint", { max: MAX_IMAGES })}
      </Typography.Text>
    </div>
  );
}
