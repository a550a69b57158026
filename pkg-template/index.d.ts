/** A labelled block of whole lines. */
export interface BlockSpan { start: number; end: number; label: 'title' | 'meta' | 'body' | 'boilerplate'; source: 'model' | 'human'; }
/** A labelled entity; `text` is exactly the slice it names. */
export interface EntitySpan {
  start: number; end: number; text: string; source: 'model' | 'human'; cluster?: number;
  label: 'PER' | 'ORG' | 'LOC' | 'MISC' | 'DATE' | 'MONEY' | 'PERCENT' | 'URL' | 'EMAIL';
}
/** A group of mentions of one entity. */
export interface ClusterInfo { id: number; label: EntitySpan['label']; canonical: string; mentions: number; }
/** A clipmark/v1 document. */
export interface Document {
  format: 'clipmark/v1';
  text: string;
  /** `utf16` for objects returned by `analyze`/`importDocument`, `codepoint` in files. */
  offsets: 'utf16' | 'codepoint';
  blocks: BlockSpan[];
  entities: EntitySpan[];
  clusters: ClusterInfo[];
  metadata: { title: string | null; published: string | null; authors: string[]; url: string | null };
  engine: { name: string; version: string };
}
/** Analyses a text; offsets are UTF-16 code units (JavaScript string indices). */
export function analyze(text: string): Document;
/** Analyses a text and returns the clipmark/v1 JSON file (code-point offsets), as `clipmark analyze` prints it. */
export function analyzeToJson(text: string): string;
/** Validates a document (either offset unit) and returns its clipmark/v1 JSON file text. Throws on invalid input. */
export function exportDocument(doc: Document): string;
/** Parses and validates clipmark/v1 JSON; returns the document with UTF-16 offsets. Throws on invalid input. */
export function importDocument(json: string): Document;
/** Converts clipmark/v1 JSON (one document, an array or JSONL; either offset unit) to another format: exactly what `clipmark convert --to` prints. */
export function convertDocument(json: string, to: 'doccano' | 'labelstudio' | 'spacy' | 'conll' | 'brat' | 'clipmark-jsonl'): string;
/** Reads doccano JSONL, Label Studio JSON or clipmark/v1 JSONL into documents with UTF-16 offsets. Throws on invalid input, naming the line or record. */
export function importAs(text: string, from: 'doccano' | 'labelstudio' | 'clipmark-jsonl', offsets?: 'codepoint' | 'utf16'): Document[];
/** Reads a JSON or JSONL file in whichever format it is in (clipmark/v1 document, array or JSONL; doccano JSONL; Label Studio JSON), told from the content, into documents with UTF-16 offsets. `offsets` is the unit of a doccano or Label Studio file. Throws on invalid input, naming the line or record. */
export function importFile(text: string, offsets?: 'codepoint' | 'utf16'): Document[];
/** The engine's version. */
export function version(): string;
