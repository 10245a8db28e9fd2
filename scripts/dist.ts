// `npm run dist`: the installable desktop app for this platform (electron-builder; Linux AppImage and deb,
// Windows NSIS, macOS dmg) from the built out/ folder, into dist/ or the folder after --output.
import { build } from 'electron-builder';
import { parseArgs } from 'node:util';
import { distConfig } from './dist-config';
import { distFailureLine } from './dist-failure';

const { values } = parseArgs({ options: { output: { type: 'string' } } });
const config = values.output
  ? { ...distConfig, directories: { ...distConfig.directories, output: values.output } }
  : distConfig;

build({ config, publish: 'never' }).then(
  (files) => console.log(`Installers built:\n${files.map((file) => `  ${file}`).join('\n')}`),
  (error: unknown) => {
    console.error(distFailureLine(error));
    process.exit(1);
  },
);
