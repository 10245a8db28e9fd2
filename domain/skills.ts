import type { Job, User } from './entities';

/**
 * What a technician can do and what a job needs. A job needs its service type ('hvac') and any required
 * tags ("EPA 608"); a technician's skills hold both kinds in one list. Skills are compared by `skillKey`
 * (case and spacing ignored), so "epa 608" typed in the panel matches a job's "EPA 608".
 *
 * A technician whose skills were never set (`skills` absent) is not held to them: existing users stay
 * schedulable for every job until a dispatcher records what they can do. An empty list means "none".
 */

/** The service types the product knows, with how they are shown; jobs may carry others (free text). */
export const SERVICE_TYPES: readonly { id: string; label: string }[] = [
  { id: 'hvac', label: 'HVAC' },
  { id: 'plumbing', label: 'Plumbing' },
  { id: 'electrical', label: 'Electrical' },
  { id: 'appliance', label: 'Appliance repair' },
  { id: 'pool', label: 'Pool' },
];

/** How a skill or service type is compared: trimmed, inner spaces collapsed, lower case. */
export function skillKey(skill: string): string {
  return skill.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A skill as people read it: a known service type by its label ("HVAC"), a free tag as written. */
export function skillLabel(skill: string): string {
  const key = skillKey(skill);
  return SERVICE_TYPES.find((type) => type.id === key)?.label ?? skill.trim();
}

/** What the job asks of its technician: its service type, then its required tags, without repeats. */
export function requiredSkills(job: Pick<Job, 'serviceType' | 'requiredTags'>): string[] {
  const needed: string[] = [];
  const seen = new Set<string>();
  for (const skill of [job.serviceType ?? '', ...(job.requiredTags ?? [])]) {
    const key = skillKey(skill);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    needed.push(skill.trim());
  }
  return needed;
}

/** The job's service type and required tags the technician lacks, as the job names them; [] when none. */
export function missingSkills(user: Pick<User, 'skills'>, job: Pick<Job, 'serviceType' | 'requiredTags'>): string[] {
  if (!user.skills) return [];
  const has = new Set(user.skills.map(skillKey));
  return requiredSkills(job).filter((skill) => !has.has(skillKey(skill)));
}

/** Skills without blanks or repeats (the first spelling kept), as commands store them. */
export function normalizeSkills(skills: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const skill of skills) {
    const key = skillKey(skill);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    kept.push(skill.trim().replace(/\s+/g, ' '));
  }
  return kept;
}
