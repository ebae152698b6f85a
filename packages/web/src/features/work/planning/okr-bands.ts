import type { MantineColor } from "@mantine/core";
import { OKR_BAND_THRESHOLDS, okrBand, scoreKeyResult } from "@infrasec/engines/work";
import type { OkrBand } from "@infrasec/engines/work";

/**
 * Colours and names of the OKR score bands (published: on target 85–100, off target 70–84, at
 * risk 0–69). The thresholds are the engine's; only the colours are decided here: green, amber
 * (Mantine's yellow) and red, the traffic-light reading people expect.
 */

export const BAND_COLORS: Record<OkrBand, MantineColor> = {
  on_target: "green",
  off_target: "yellow",
  at_risk: "red",
};

export const BAND_NAMES: Record<OkrBand, string> = {
  on_target: "On target",
  off_target: "Off target",
  at_risk: "At risk",
};

/** "On target (85–100%)", the band with its range, for tooltips and legends. */
export function bandRangeLabel(band: OkrBand): string {
  return OKR_BAND_THRESHOLDS.find((t) => t.band === band)?.label ?? BAND_NAMES[band];
}

/** The colour of a whole-percent score, via the engine's band. */
export function scoreColor(score: number): MantineColor {
  return BAND_COLORS[okrBand(score)];
}

/**
 * Score, band and explanation of a key result with a proposed current value, computed by the
 * engine's `scoreKeyResult` (the server scores with it too), for the live preview while someone
 * types a new current value.
 */
export function previewKeyResult(startValue: number, target: number, current: number) {
  return scoreKeyResult({
    id: "preview",
    title: "",
    dri: "",
    baseline: startValue,
    target,
    current,
  });
}
