export { CATEGORY_IDS, isCategoryId, HIGH_SEVERITY, STAGE_OF, type CategoryId, type Stage } from './categories';
export { LEVELS, levelRank, isLevel, maxLevel, type Level } from './levels';
export { analyzeMessage, prepareDetector, type EvidenceSpan, type MessageAnalysis } from './analyze';
export type { DetectedLang } from './lang';
export {
  createConversationState,
  reviveConversationState,
  scoreMessage,
  conversationLevel,
  conversationSummary,
  messageLevel,
  type ConversationState,
  type ConversationSummary,
  type Dir,
} from './score';
export { maskPersonalInfo, excerptFor } from './mask';
export type { Severity } from './lexicon-schema';
