/** The org's look for the renderer (contract `Branding`), from the configured settings; the logo loaded and checked. */
import type { Branding } from '../../shared/contract';
import type { BrandingSettings } from '../config/branding';
import { loadLogo, type LogoDeps } from './logo';

export async function loadBranding(settings: BrandingSettings, deps: LogoDeps): Promise<Branding> {
  const logo = await loadLogo(settings.logo, deps);
  return {
    ...(settings.orgName !== undefined && { orgName: settings.orgName }),
    ...(logo !== undefined && { logo }),
    ...(settings.accentColor !== undefined && { accentColor: settings.accentColor }),
    ...(settings.helpUrl !== undefined && { helpUrl: settings.helpUrl }),
  };
}
