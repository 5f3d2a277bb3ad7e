// Registers the strings the nudge shows (its own area and the shared one).
import { registerCatalogues, type Catalogue } from '../index';

registerCatalogues(import.meta.glob<Catalogue>('../locales/*/{common,nudge}.json', { eager: true, import: 'default' }));
