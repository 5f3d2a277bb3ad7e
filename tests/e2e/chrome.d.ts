// The bits of the `chrome` global that e2e tests call inside extension pages and the worker.
declare const chrome: {
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
    getManifest(): {
      manifest_version: number;
      name: string;
      permissions?: string[];
      content_scripts?: { matches?: string[] }[];
    };
    id: string;
  };
};
