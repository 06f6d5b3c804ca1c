export declare const CHROMIUM_ARGS: string[]
export declare function findChromium(): string | undefined
export declare function ensureChromium(): string
export declare function aptInstall(packages: string[]): boolean
export declare function chromiumVersion(path: string): string
