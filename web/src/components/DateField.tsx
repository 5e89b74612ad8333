// A date typed as Vietnamese readers write it, dd/mm/yyyy, whatever the browser's language
// (a native date input shows the browser's own order). The value in and out is ISO
// ("2022-07-15"); a date that does not exist is refused with a message beside the field.
import { useEffect, useId, useState } from "react";
import { formatDate } from "../format";
import { useI18n } from "../i18n";

export function parseVietnameseDate(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export function DateField({ label, value, onChange, optional = false }: {
  label: string;
  value: string;
  onChange: (iso: string) => void;
  optional?: boolean; // an empty field then clears the date ("" out)
}) {
  const { lang } = useI18n();
  const [text, setText] = useState(formatDate(value));
  const [invalid, setInvalid] = useState(false);
  const hintId = useId();
  useEffect(() => {
    setText(formatDate(value));
    setInvalid(false);
  }, [value]);
  const commit = () => {
    if (optional && text.trim() === "") {
      setInvalid(false);
      if (value !== "") onChange("");
      return;
    }
    const iso = parseVietnameseDate(text);
    setInvalid(iso === null);
    if (iso && iso !== value) onChange(iso);
  };
  return (
    <label>
      {label}
      <input
        inputMode="numeric"
        placeholder="dd/mm/yyyy"
        aria-describedby={hintId}
        aria-invalid={invalid}
        value={text}
        size={10}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            commit();
          }
        }}
      />
      <span id={hintId} className={invalid ? "field-error" : "sr-only"}>
        {invalid
          ? lang === "vi" ? "Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 15/07/2022" : "Not a date; type day/month/year, e.g. 15/07/2022"
          : lang === "vi" ? "Dạng ngày/tháng/năm" : "Day/month/year"}
      </span>
    </label>
  );
}
