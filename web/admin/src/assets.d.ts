/** esbuild's file loader: the import is the asset's URL. */
declare module '*.svg' {
  const url: string;
  export default url;
}
declare module '*.css';
