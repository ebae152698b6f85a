import { useEffect, useState } from "react";
import { TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";

/** A text filter applied 300 ms after typing stops (or on Enter); follows the URL when it changes. */
export function DebouncedTextInput({
  label,
  value,
  placeholder,
  onApply,
  w,
  leftSection,
}: {
  label: string;
  value: string;
  placeholder?: string;
  onApply: (v: string) => void;
  w: number;
  leftSection?: string;
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
      leftSection={leftSection}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        apply(e.currentTarget.value);
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          apply.cancel?.();
          onApply(e.currentTarget.value);
        }
      }}
    />
  );
}
