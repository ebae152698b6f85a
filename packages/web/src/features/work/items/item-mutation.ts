import { notifications } from "@mantine/notifications";
import { ApiError, errorMessage } from "../../../app/api-client";

/** The message of a failed call with the reasons the server listed (guards, fields). */
export function failureText(error: unknown): string {
  const base = errorMessage(error);
  if (!(error instanceof ApiError) || error.details.length === 0) return base;
  // Guards repeat their reasons in the message and the details: list each reason once.
  const seen = new Set<string>();
  const reasons: string[] = [];
  for (const d of error.details) {
    const bare = d.message.replace(/^[a-z_]+: /, "");
    if (base.includes(bare) || seen.has(bare)) continue;
    seen.add(bare);
    reasons.push(d.path && !d.path.startsWith("status") ? `${d.path}: ${bare}` : bare);
  }
  return reasons.length > 0 ? `${base} — ${reasons.join("; ")}` : base;
}

/**
 * Runs one change of the item page: a toast on success (when given) and on failure (with the
 * server's reasons), then `after` (reload) either way. Returns the result, or undefined on failure.
 */
export async function runChange<T>(
  call: Promise<T>,
  opts: { success?: string; failure: string; after?: () => void },
): Promise<T | undefined> {
  try {
    const r = await call;
    if (opts.success) notifications.show({ color: "green", message: opts.success });
    return r;
  } catch (e) {
    notifications.show({
      color: "red",
      title: opts.failure,
      message: failureText(e),
      autoClose: 10_000,
    });
    return undefined;
  } finally {
    opts.after?.();
  }
}
