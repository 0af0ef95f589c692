import type { EstablishedClaim, PolicyOutcome } from '@mpli/trust';

/** A label level and the policy claims (by rule claim name) a provider must establish for it. */
export interface LevelRequirement {
  /** An MPLI label level: LabelStandard, LabelLevel1, LabelLevel2 or LabelLevel3. */
  readonly level: string;
  readonly requires: readonly string[];
}

/** The level granted, the claims that earned it, and what the next level still needs. */
export interface LevelDecision {
  readonly level?: string;
  readonly claims: readonly EstablishedClaim[];
  readonly missingForNext: readonly string[];
}

/**
 * The highest level whose every required claim the subject established. Levels are listed from
 * the lowest; each must include what the lower ones require (checked when the house starts).
 */
export function decideLevel(outcome: PolicyOutcome, levels: readonly LevelRequirement[]): LevelDecision {
  const established = new Map(outcome.established.map((claim) => [claim.claim, claim]));
  let granted: LevelRequirement | undefined;
  for (const level of levels) {
    if (level.requires.every((claim) => established.has(claim))) granted = level;
    else break;
  }
  const next = levels[granted ? levels.indexOf(granted) + 1 : 0];
  return {
    ...(granted ? { level: granted.level } : {}),
    claims: (granted?.requires ?? []).map((claim) => established.get(claim)!),
    missingForNext: next ? next.requires.filter((claim) => !established.has(claim)) : [],
  };
}

/** Throws unless each level requires everything the levels below it require. */
export function assertCumulative(levels: readonly LevelRequirement[]): void {
  levels.forEach((level, i) => {
    const below = levels[i - 1];
    const missing = below?.requires.filter((claim) => !level.requires.includes(claim)) ?? [];
    if (missing.length) throw new TypeError(`Level ${level.level} must also require ${missing.join(', ')} (required by ${below!.level})`);
  });
}
