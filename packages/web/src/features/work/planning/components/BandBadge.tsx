import { Badge } from "@mantine/core";
import type { OkrBand } from "@infrasec/engines/work";
import { BAND_COLORS, BAND_NAMES, bandRangeLabel } from "../okr-bands";

/** An OKR score with its band colour: "92% · On target". */
export function BandBadge({ band, score }: { band: OkrBand; score: number }) {
  return (
    <Badge
      color={BAND_COLORS[band]}
      variant="filled"
      autoContrast
      title={bandRangeLabel(band)}
      data-band={band}
    >
      {Math.round(score)}% · {BAND_NAMES[band]}
    </Badge>
  );
}
