import { useEffect, useState } from "react";
import { TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";

/** A text filter that applies 300 ms after typing stops (or on Enter) and follows the URL. */
export function FilterText({
  label,
  value,
  placeholder,
  onApply,
  w,
}: {
  label: string;
  value: string;
  placeholder?: string;
  onApply: (v: string) => void;
  w: number;
}) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setText(value);
  }
  const apply = useDebouncedCallback(onApply, 300);
  useEffect(() => () => apply.cancel?.(), [apply]);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      w={w}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        apply(e.currentTarget.value);
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter") onApply(e.currentTarget.value);
      }}
    />
  );
}
