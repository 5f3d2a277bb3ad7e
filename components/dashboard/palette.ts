// One colour per category, each at least 3:1 against the white page (WCAG non-text contrast).
// Colour is never the only cue: the legend, the bar tooltips and the table carry the same data.
import type { CategoryId } from '@/lib/detect';

export const CATEGORY_COLOURS: Record<CategoryId, string> = {
  image_request: '#b3261e',
  sexual_content: '#8e24aa',
  secrecy: '#5e35b1',
  platform_move: '#1565c0',
  personal_info_request: '#00796b',
  isolation_check: '#6d4c41',
  age_probe: '#558b2f',
  meeting_request: '#c2185b',
  gift_offer: '#d84315',
  flattery_trust: '#8d6e00',
  sextortion_threat: '#212121',
  share_personal_info: '#3949ab',
  share_image: '#00838f',
};
