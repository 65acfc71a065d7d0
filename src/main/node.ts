/**
 * Node-only entry to the main-process logic, for the web preview and tests. No Electron here.
 */
export { createAuthApp, type AuthApp, type AuthAppDeps } from './app';
export { loadConfig, loadDotEnv, type AppConfig, type ConfigResult } from './config/okta-config';
export { developmentSettings, fixedSettings, releaseSettings, type SettingsSource } from './config/settings-source';
export { createTestCipher, type Cipher } from './session/cipher';
export { createMemoryStore, type KeyValueStore } from './session/store';
export { createConsoleLogger, createCapturingLogger, createLineLogger, silentLogger, type Logger } from './log/logger';
