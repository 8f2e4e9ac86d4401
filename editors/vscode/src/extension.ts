// The VS Code side: one language client that runs `akslint lsp` over stdio for YAML, JSON and
// Terraform files. Which binary and which arguments is decided in ./server (no `vscode` there).

import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from "vscode-languageclient/node";
import { DOCUMENT_SELECTOR, resolveBinary, serverArgs } from "./server";

const ID = "akslint";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
/** Starts and stops run one after another: a restart never overlaps another. */
let queue: Promise<void> = Promise.resolve();

export function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("akslint");
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("akslint.restart", () => restart(context)),
    vscode.commands.registerCommand("akslint.showOutput", () => output.show()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (["akslint.enable", "akslint.path", "akslint.config"].some((s) => e.affectsConfiguration(s))) {
        void restart(context);
      }
    }),
    // The path setting applies once the workspace is trusted.
    vscode.workspace.onDidGrantWorkspaceTrust(() => restart(context)),
  );
  return restart(context);
}

export function deactivate(): Promise<void> {
  return enqueue(stop);
}

function restart(context: vscode.ExtensionContext): Promise<void> {
  return enqueue(async () => {
    await stop();
    await start(context);
  });
}

function enqueue(task: () => Promise<void>): Promise<void> {
  queue = queue.then(task, task);
  return queue;
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c !== undefined) {
    try {
      await c.stop();
    } catch (e) {
      output.appendLine(`akslint: stopping the server: ${String(e)}`);
    }
  }
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration("akslint");
  if (!config.get<boolean>("enable", true)) {
    output.appendLine("akslint: disabled (akslint.enable is false)");
    return;
  }
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === "file")?.uri.fsPath;
  const setting = config.get<string>("path", "");
  const trusted = vscode.workspace.isTrusted;
  if (setting !== "" && !trusted) {
    output.appendLine(`akslint: akslint.path (${setting}) is ignored: the workspace is not trusted`);
  }
  const binary = resolveBinary({ setting, trusted, extensionPath: context.extensionPath, workspaceFolder: folder });
  if (!binary.ok) {
    output.appendLine(`akslint: ${binary.error}`);
    void vscode.window.showErrorMessage(binary.error, "Open Settings").then((choice) => {
      if (choice !== undefined) void vscode.commands.executeCommand("workbench.action.openSettings", "akslint.path");
    });
    return;
  }
  const args = serverArgs(config.get<string>("config", ""), folder);
  output.appendLine(`akslint: starting ${binary.command} ${args.join(" ")} (from ${binary.source})`);

  const serverOptions: ServerOptions = {
    command: binary.command,
    args,
    transport: TransportKind.stdio,
    // The server's directory is the first workspace folder (the client's default): findings in
    // other files are named relative to it.
    options: folder !== undefined ? { cwd: folder } : undefined,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    traceOutputChannel: output,
  };
  const c = new LanguageClient(ID, "akslint", serverOptions, clientOptions);
  try {
    await c.start();
    client = c;
  } catch (e) {
    // The client has already said so in a notification.
    output.appendLine(`akslint: the server did not start: ${String(e)}`);
  }
}
