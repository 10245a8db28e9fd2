import { createSpotlight } from '@mantine/spotlight';

/** The palette's own store, so another Spotlight in the app never opens this one. */
export const [paletteStore, palette] = createSpotlight();
