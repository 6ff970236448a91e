/**
 * The lessons, in the order of the post. The ids are part of the public URL (`#/<id>`,
 * `embed.html?scene=<id>`, `<redis-sim scene="<id>">`): never rename one. Kept apart from the
 * scene registry so the embed script can know them without loading React.
 */
export const sceneIds = [
  'memory',
  'single-thread',
  'data-types',
  'cache',
  'persistence',
  'replication',
  'failover',
  'cluster',
  'jwt-rtr',
] as const;

export type SceneId = (typeof sceneIds)[number];

export function isSceneId(id: string): id is SceneId {
  return (sceneIds as readonly string[]).includes(id);
}
