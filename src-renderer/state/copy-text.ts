/**
 * Copies a text for the user and says how it went, in the words every Copy button shows: "Copied …", or how to copy
 * it by hand when the clipboard refused (a browser may deny it to a page that is not focused).
 */
export async function copyText(writeClipboard: (text: string) => Promise<void>, text: string, what: string): Promise<string> {
  try {
    await writeClipboard(text);
    return `Copied ${what}.`;
  } catch {
    return `Could not copy ${what}: select the text and copy it with the keyboard.`;
  }
}
