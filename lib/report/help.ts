// Who to turn to in a region: the form "Report this" opens, the helpline a child can call or
// text, the number for immediate danger, and the services that work everywhere.
import { DIRECTORY, hotlineById, type Directory, type Hotline, type Phone } from './hotlines';
import { INTERNATIONAL, type RegionCode } from './region';

export interface ContactLink {
  /** As the service writes it, for reading. */
  number: string;
  /** tel: or sms: */
  href: string;
  free: boolean;
  hours24: boolean;
}

export interface WebService {
  hotline: Hotline;
  url: string;
}

export interface Help {
  region: RegionCode;
  report: WebService;
  helpline?: { hotline: Hotline; call?: ContactLink; sms?: ContactLink };
  emergency?: { hotline: Hotline; call: ContactLink };
  /** Take It Down: removing nude images of under-18s. */
  imageRemoval: WebService;
  /** INHOPE: every country's hotline, for anyone outside our regions. */
  directory: WebService;
}

/** Dial strings keep only digits and a leading +, which every phone understands. */
function dial(number: string): string {
  return number.replace(/[^\d+]/g, '');
}

export function telHref(number: string): string {
  return `tel:${dial(number)}`;
}

export function smsHref(number: string): string {
  return `sms:${dial(number)}`;
}

function link(phones: Phone[], channel: 'call' | 'sms'): ContactLink | undefined {
  const p = phones.find((x) => x.channels.includes(channel));
  if (!p) return undefined;
  return {
    number: p.number,
    href: channel === 'call' ? telHref(p.number) : smsHref(p.number),
    free: p.free === true,
    hours24: p.hours24 === true,
  };
}

function web(id: string, dir: Directory): WebService {
  const hotline = hotlineById(id, dir);
  // The directory test checks every role points at a service with a URL.
  if (!hotline?.reportUrl) throw new Error(`hotline ${id} has no reportUrl`);
  return { hotline, url: hotline.reportUrl };
}

/**
 * The help for a region. `preferredReport` is the family's chosen hotline (settings.hotline);
 * it is used when it exists and has a form, else the region's own.
 */
export function helpFor(region: RegionCode, preferredReport: string | null = null, dir: Directory = DIRECTORY): Help {
  const roles = dir.regions[region] ?? dir.regions[INTERNATIONAL];
  if (!roles) throw new Error('the directory has no international fallback');
  const preferred = preferredReport ? hotlineById(preferredReport, dir) : undefined;
  const help: Help = {
    region,
    report: preferred?.reportUrl ? web(preferred.id, dir) : web(roles.report, dir),
    imageRemoval: web(dir.global.imageRemoval, dir),
    directory: web(dir.global.directory, dir),
  };
  const helpline = roles.helpline ? hotlineById(roles.helpline, dir) : undefined;
  if (helpline) help.helpline = { hotline: helpline, call: link(helpline.phones, 'call'), sms: link(helpline.phones, 'sms') };
  const emergency = roles.emergency ? hotlineById(roles.emergency, dir) : undefined;
  const emergencyCall = emergency && link(emergency.phones, 'call');
  if (emergency && emergencyCall) help.emergency = { hotline: emergency, call: emergencyCall };
  return help;
}
