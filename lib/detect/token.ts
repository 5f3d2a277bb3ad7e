export const enum TokenKind {
  Word = 0,
  Number = 1,
  Khmer = 2,
  KhmerUnknown = 3,
  Emoji = 4,
}

/** How a word counts for language detection (lang.ts), decided once per distinct word. */
export const enum LangHint {
  /** Not counted: numbers, emoji, product names. */
  None = 0,
  Khmer = 1,
  /** A word in another script. */
  Other = 2,
  /** A Latin word that is a common Khmer romanisation, a common English word, or neither. */
  KmLatn = 3,
  En = 4,
  Latin = 5,
}

/**
 * One resolved word: its canonical key and everything the matcher and the language guesser read
 * about it. Pieces are cached and shared by every token of the same written word, so per message
 * only the small Token below is allocated.
 */
export interface Piece {
  key: string;
  /** A second reading the lexicon knows: the singular of a plural ("pics" → "pic"). */
  alt: string | null;
  kind: TokenKind;
  /** A written amount of money ("$20", "50$"). */
  money: boolean;
  /** Offsets inside the raw word where this piece starts and ends (for split words). */
  from: number;
  to: number;
  /**
   * Vocabulary ids of `key` and `alt` (-1: not in the vocabulary): the compiled lexicon lists
   * the classes of each id and the phrases that start with it.
   */
  id: number;
  altId: number;
  /** A number from 8 to 19 written without a leading zero. */
  teen: boolean;
  /** A plain lower-case word of two letters or more: what an unknown name looks like. */
  nameLike: boolean;
  lang: LangHint;
}

/** One unit of the token view. `start`/`end` are UTF-16 offsets into the original text. */
export interface Token {
  p: Piece;
  start: number;
  end: number;
  /** Offsets in the folded text, used to see how far apart spaced-out letters are. */
  fStart: number;
  fEnd: number;
  /** A single letter or digit as written: a candidate for joining spaced-out words. */
  single: boolean;
}

/** A flat trie over the Khmer words of the lexicon (UTF-16 code units). */
export interface KhmerTrie {
  /** Child of `node` for code unit `c`, or -1. The root is node 0. */
  step(node: number, c: number): number;
  /** Index of the word ending at `node` in `words`, or -1. */
  wordAt(node: number): number;
  readonly words: readonly string[];
}

/** What the tokenizer needs to know about the lexicon vocabulary. */
export interface VocabIndex {
  isWord(key: string): boolean;
  /** Dense id of a vocabulary key, or -1. */
  wordId(key: string): number;
  /** Vocabulary words whose letter runs collapse to `skeleton`. */
  bySkeleton(skeleton: string): readonly string[] | undefined;
  khmer: KhmerTrie;
  emoji: ReadonlyMap<string, string>;
}

/** Every piece has the same shape, so the code reading them stays monomorphic (and fast). */
export function makePiece(key: string, alt: string | null, kind: TokenKind, money: boolean, from: number, to: number, vocab: VocabIndex): Piece {
  return {
    key,
    alt,
    kind,
    money,
    from,
    to,
    id: vocab.wordId(key),
    altId: alt !== null ? vocab.wordId(alt) : -1,
    teen: kind === TokenKind.Number && isTeen(key),
    nameLike: kind === TokenKind.Word && isNameLike(key),
    lang: langHint(key, kind),
  };
}

function isTeen(key: string): boolean {
  if (key.length > 2 || key.charCodeAt(0) === 48) return false;
  const v = Number(key);
  return v >= 8 && v <= 19;
}

function isNameLike(key: string): boolean {
  if (key.length < 2) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/** Khmer words as teenagers type them in Latin letters; few are English words. */
const KM_LATN = new Set(
  (
    'oun own aon bong bang nhom knhom khnhom knyom nyom ey eng aeng te ot ort nas nah nh hz hx mok mk tov tv teuv ' +
    'ban chong jong kom kum prab brab prap yub yup yop nis nih nung ning dae dai men mean tae jea knea mouy muoy ' +
    'nov nau ptes pteas phteah sala rean leng merl mer meul khernh kheunh pnher phnher rub rup luy tinh oy aoy ' +
    'ayu ponman bonman chnam sart saat srolanh srolan nak neak ke yeung yerng arkun akun sok sabay tam vinh jol ' +
    'chet jam thngai saek mong kru mak pa chas thom tuch kmeng muk mukh lok knhae somlanh doch dotei mneak mnak ' +
    'tver thveu nham hop bay kdeng kdeang ches min mun del dael yol yul pel pil chol chenh jenh yok sen sin ' +
    'ilov eilov ilou pouk pok mdai bat cha chah ort euy ai avey ot-te haey hery'
  ).split(/\s+/),
);

/** English words common in chat and rare as Khmer romanisations. */
const EN = new Set(
  (
    'the you your ur u r are is am i im me my mine we us our they them he she it this that what whats how ' +
    'why when where who do does did dont can cant will would should could have has had was were be been ' +
    'to of in on at for with from about and or but if so not no yes just like want wanna gonna send tell ' +
    'know think see look get got make take come go going talk chat pic pics photo phone number school ' +
    'home parents mom dad friend friends love cute pretty hot sexy age old alone meet up out after before ' +
    'tonight today tomorrow tmrw rn now later please pls plz thanks thx lol lmao omg ok okay play game ' +
    'add video call free buy give money class group teacher homework an a there here then than too very really'
  ).split(/\s+/),
);

/** Product and place names that say nothing about the language of the message around them. */
const NAMES = new Set(
  'telegram messenger signal whatsapp facebook fb tiktok instagram ig snapchat snap youtube zoom google aeon aba wing acleda free fire ml qr wifi id ok'.split(
    ' ',
  ),
);

function langHint(key: string, kind: TokenKind): LangHint {
  if (kind === TokenKind.Khmer || kind === TokenKind.KhmerUnknown) return LangHint.Khmer;
  if (kind !== TokenKind.Word) return LangHint.None;
  const c = key.charCodeAt(0);
  if (c < 97 || c > 122) return c >= 0x80 ? LangHint.Other : LangHint.None;
  if (NAMES.has(key)) return LangHint.None;
  if (KM_LATN.has(key)) return LangHint.KmLatn;
  if (EN.has(key)) return LangHint.En;
  return LangHint.Latin;
}
