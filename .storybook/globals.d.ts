/** The same-origin path of the real HotMic API in real-API mode, or `''` on the embedded API. */
declare const __HOTMIC_API_PATH__: string
