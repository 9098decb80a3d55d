/** Residual-risk bands, lowest first: the scale the acceptable-risk rule is written in (DOMAIN §4). */
export const RISK_BANDS = ['very_low', 'low', 'medium', 'high', 'very_high', 'unacceptable'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

export const bandRank = (b: RiskBand): number => RISK_BANDS.indexOf(b);
export const worseBand = (a: RiskBand, b: RiskBand): RiskBand => (bandRank(a) >= bandRank(b) ? a : b);
