/** The user's profile as the renderer may see it: only the claims `UserProfile` lists, validated. */
import { z } from 'zod';
import type { UserProfile } from '../../shared/contract';

const text = z.string().max(1024);

export const userProfileSchema = z.object({
  sub: z.string().min(1).max(255),
  name: text.optional(),
  given_name: text.optional(),
  family_name: text.optional(),
  preferred_username: text.optional(),
  email: text.optional(),
  email_verified: z.boolean().optional(),
  locale: text.optional(),
  zoneinfo: text.optional(),
  updated_at: z.number().optional(),
}) satisfies z.ZodType<UserProfile>;

/**
 * Keeps the known claims of a userinfo response and drops everything else (z.object strips
 * unknown keys). Returns undefined when the response lacks a usable `sub` or a claim has the
 * wrong type.
 */
export function toUserProfile(claims: unknown): UserProfile | undefined {
  const parsed = userProfileSchema.safeParse(claims);
  return parsed.success ? parsed.data : undefined;
}
