export { Nudge, type NudgeProps } from './Nudge';
export { InfoReminder, KIND_LABEL, type InfoReminderProps } from './InfoReminder';
export { ImagePause, type ImagePauseProps } from './ImagePause';
export { NUDGE_CSS } from './styles';
export { primaryCategory, WORDING_ORDER, type WordedCategory } from './messages';
export type { HelpInfo, InfoKind } from './types';
