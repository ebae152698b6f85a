import { useMemo, useState } from "react";
import type { WorkTemplate } from "@infrasec/engines/work";
import type { FieldErrors, FormValues } from "./template-form-values";
import { fieldKeyOf, itemTitle, serverFieldErrors, validateForm } from "./template-form-values";

/**
 * State of a guided form: the values, which fields the person has touched, and the errors to
 * show. Errors are computed with the engine on every change (validation as you type) but shown
 * only for touched fields until the person tries to go on or submit; server errors stay on their
 * field until that field changes.
 */
export function useTemplateForm(
  template: WorkTemplate | null,
  initial: FormValues,
  options: { typedTitle?: string; status?: string } = {},
) {
  const [values, setValues] = useState<FormValues>(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [server, setServer] = useState<FieldErrors>({});
  const title = itemTitle(template, options.typedTitle ?? "", values);

  const live = useMemo(
    () => (template ? validateForm(template, values, { title, status: options.status }) : {}),
    [template, values, title, options.status],
  );

  const shown = useMemo(() => {
    const out: FieldErrors = {};
    for (const [path, message] of Object.entries(live)) {
      if (showAll || touched.has(fieldKeyOf(path))) out[path] = message;
    }
    return { ...out, ...server };
  }, [live, server, showAll, touched]);

  const touch = (key: string) => setTouched((t) => (t.has(key) ? t : new Set([...t, key])));

  const setField = (key: string, value: unknown) => {
    setValues((v) => ({ ...v, [key]: value }));
    touch(key);
    setServer((s) => {
      const next = Object.fromEntries(Object.entries(s).filter(([p]) => fieldKeyOf(p) !== key));
      return Object.keys(next).length === Object.keys(s).length ? s : next;
    });
  };

  /** Marks fields touched so their errors show (a step's "Next"); returns their errors. */
  const reveal = (keys: readonly string[]): FieldErrors => {
    setTouched((t) => new Set([...t, ...keys]));
    return Object.fromEntries(Object.entries(live).filter(([p]) => keys.includes(fieldKeyOf(p))));
  };

  /** Puts a failed request's field errors on their fields; returns the rest. */
  const applyServerError = (error: unknown) => {
    const r = serverFieldErrors(error, template);
    const fields = { ...r.fields };
    // The title of a prefixed template is built from the service or feature name.
    if (r.item.title && template?.titlePrefix && template.sections[0]?.fields[0]) {
      fields[template.sections[0].fields[0].key] ??= r.item.title;
    }
    setServer(fields);
    setShowAll(true);
    return { fields, item: r.item, other: r.other };
  };

  return {
    values,
    setValues,
    setField,
    touch,
    reveal,
    title,
    /** Every current problem (shown or not). */
    live,
    /** What to display. */
    errors: shown,
    showAll: () => setShowAll(true),
    applyServerError,
    clearServerErrors: () => setServer({}),
  };
}

export type TemplateFormState = ReturnType<typeof useTemplateForm>;
