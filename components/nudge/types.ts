/** How the child can reach help; comes from the hotline directory and the parent's settings. */
export interface HelpInfo {
  helplineName: string;
  tel?: string;
  sms?: string;
  url?: string;
  trustedAdult?: { name: string; contact: string };
}

/** What the outgoing-info detector can name in the child's own message. */
export type InfoKind = 'phone' | 'address' | 'school' | 'age' | 'location' | 'email' | 'name';
