// Registers the strings the dashboard shows (its own area and the shared one).
import { registerCatalogues, type Catalogue } from '../index';

registerCatalogues(import.meta.glob<Catalogue>('../locales/*/{common,dashboard}.json', { eager: true, import: 'default' }));
