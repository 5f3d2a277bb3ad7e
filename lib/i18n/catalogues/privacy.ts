// Registers the strings the privacy shows (its own area and the shared one).
import { registerCatalogues, type Catalogue } from '../index';

registerCatalogues(import.meta.glob<Catalogue>('../locales/*/{common,privacy}.json', { eager: true, import: 'default' }));
