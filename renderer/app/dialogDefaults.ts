import { Drawer, DrawerRoot, Modal, ModalRoot } from '@mantine/core';

/**
 * What every dialog of the console shares, whoever opens it. Mantine draws a dialog's header as a `header`
 * element, which assistive technology reads as a second banner beside the app's own: it is the dialog's title
 * row, nothing more. And the close button is an icon: it says what it does.
 */
const header = { header: { role: 'none' } };
const close = { 'aria-label': 'Close' };

export const dialogComponents = {
  Modal: Modal.extend({ defaultProps: { closeButtonProps: close } }),
  ModalRoot: ModalRoot.extend({ defaultProps: { attributes: header } }),
  Drawer: Drawer.extend({ defaultProps: { closeButtonProps: close } }),
  DrawerRoot: DrawerRoot.extend({ defaultProps: { attributes: header } }),
};
