import { mountApp } from './mount';

// The preload has already put the bridge on window; it is the renderer's only way out.
mountApp(document.getElementById('root'), window.desktopAuth as typeof window.desktopAuth | undefined);
