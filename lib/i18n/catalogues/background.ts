// Registers the strings the background shows (its own area and the shared one).
import { registerCatalogues, type Catalogue } from '../index';

registerCatalogues(import.meta.glob<Catalogue>('../locales/*/{common,background}.json', { eager: true, import: 'default' }));
