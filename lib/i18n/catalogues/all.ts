// Registers every catalogue: for tests and tools that look at all strings at once.
import { registerCatalogues, type Catalogue } from '../index';

registerCatalogues(import.meta.glob<Catalogue>('../locales/*/*.json', { eager: true, import: 'default' }));
