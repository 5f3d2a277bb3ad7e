// The privacy policy as catalogue keys, in reading order. The same text, for people who read it
// outside the extension, is docs/privacy.md.
export interface PolicySection {
  id: string;
  title: string;
  paragraphs: readonly string[];
}

export const POLICY: readonly PolicySection[] = [
  { id: 'reads', title: 'privacy.reads.title', paragraphs: ['privacy.reads.sites', 'privacy.reads.why', 'privacy.reads.not'] },
  { id: 'keeps', title: 'privacy.keeps.title', paragraphs: ['privacy.keeps.note', 'privacy.keeps.other', 'privacy.keeps.where'] },
  { id: 'time', title: 'privacy.time.title', paragraphs: ['privacy.time.days', 'privacy.time.tab'] },
  { id: 'never', title: 'privacy.never.title', paragraphs: ['privacy.never.nothing', 'privacy.never.choice', 'privacy.never.images'] },
  {
    id: 'who',
    title: 'privacy.who.title',
    paragraphs: ['privacy.who.parent', 'privacy.who.detailed', 'privacy.who.child', 'privacy.who.export'],
  },
  { id: 'delete', title: 'privacy.delete.title', paragraphs: ['privacy.delete.dashboard', 'privacy.delete.remove'] },
  { id: 'schools', title: 'privacy.schools.title', paragraphs: ['privacy.schools.policy'] },
  { id: 'changes', title: 'privacy.changes.title', paragraphs: ['privacy.changes.open'] },
];
