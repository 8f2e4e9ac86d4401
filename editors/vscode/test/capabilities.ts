// The client capabilities vscode-languageclient 9.0.1 sends in `initialize` (copied from its
// computeClientCapabilities and its features' fillClientCapabilities, in
// node_modules/vscode-languageclient/lib/common/{client,textSynchronization,diagnostic,
// codeAction,hover,configuration,workspaceFolder,fileSystemWatcher}.js), for the parts a linter's server reads:
// the position encodings (UTF-16 only), document sync, publish and pull diagnostics, code
// actions and hover. The client itself cannot run outside VS Code (it imports `vscode`).

import { ClientCapabilities, CodeActionKind, DiagnosticTag, MarkupKind } from "vscode-languageserver-protocol/node";

export const vscodeClientCapabilities: ClientCapabilities = {
  workspace: {
    applyEdit: true,
    workspaceEdit: { documentChanges: true, normalizesLineEndings: true },
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    configuration: true,
    workspaceFolders: true,
    diagnostics: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: false,
      tagSupport: { valueSet: [DiagnosticTag.Unnecessary, DiagnosticTag.Deprecated] },
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
    codeAction: {
      dynamicRegistration: true,
      isPreferredSupport: true,
      disabledSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ["edit"] },
      codeActionLiteralSupport: {
        codeActionKind: {
          valueSet: [
            CodeActionKind.Empty,
            CodeActionKind.QuickFix,
            CodeActionKind.Refactor,
            CodeActionKind.RefactorExtract,
            CodeActionKind.RefactorInline,
            CodeActionKind.RefactorRewrite,
            CodeActionKind.Source,
            CodeActionKind.SourceOrganizeImports,
          ],
        },
      },
      honorsChangeAnnotations: true,
    },
    hover: { dynamicRegistration: true, contentFormat: [MarkupKind.Markdown, MarkupKind.PlainText] },
  },
  window: { showMessage: { messageActionItem: { additionalPropertiesSupport: true } }, showDocument: { support: true } },
  general: {
    regularExpressions: { engine: "ECMAScript", version: "ES2020" },
    markdown: { parser: "marked", version: "1.1.0" },
    positionEncodings: ["utf-16"],
  },
};

// The same without pull diagnostics (`textDocument.diagnostic`, `workspace.diagnostics`): a
// client that only takes pushes, as Neovim's and Helix's do.
export const pushOnlyCapabilities: ClientCapabilities = {
  ...vscodeClientCapabilities,
  workspace: { ...vscodeClientCapabilities.workspace, diagnostics: undefined },
  textDocument: { ...vscodeClientCapabilities.textDocument, diagnostic: undefined },
};
