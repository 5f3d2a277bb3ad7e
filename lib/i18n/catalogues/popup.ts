// Registers the strings the popup shows (its own area and the shared one).
import { registerCatalogues, type Catalogue } from '../index';

registerCatalogues(import.meta.glob<Catalogue>('../locales/*/{common,popup}.json', { eager: true, import: 'default' }));
