// The one function of the `qrcode` package we use (it ships no types; @types/qrcode is not needed for one call).
declare module 'qrcode' {
  const QRCode: { toString(text: string, options: { type: 'svg'; errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; margin?: number }): Promise<string> };
  export default QRCode;
}
