import type { PipelineDocument } from '@duto/model';
import { api, type Created } from '../../api/client';
import { downloadText } from '../../ui/download';

// Typed by the model, so a change of format name fails the build instead of the server call.
const FORMAT: PipelineDocument['format'] = 'duto.pipeline/v1';

/** An empty pipeline is valid: the designer opens it and the user adds stages. */
export function createEmptyPipeline(name: string): Promise<Created> {
  return api.createPipeline({ format: FORMAT, name, stages: [], edges: [] });
}

export async function renamePipeline(id: string, name: string): Promise<void> {
  const { document, version } = await api.getPipeline(id);
  await api.savePipeline(id, { ...document, name }, version);
}

export async function duplicatePipeline(id: string): Promise<Created> {
  const { document } = await api.getPipeline(id);
  return api.createPipeline({ ...document, name: `${document.name} (copy)` });
}

export async function exportPipelineToFile(id: string): Promise<void> {
  const { fileName, text } = await api.exportPipeline(id);
  downloadText(fileName, text);
}

/**
 * Reads a pipeline file and imports it. A file that is not JSON is refused here with the
 * parser's message; the server checks everything else and names each problem's path.
 */
export async function importPipelineFile(file: File): Promise<Created> {
  const text = await file.text();
  try {
    JSON.parse(text);
  } catch (error) {
    throw new Error(`${file.name} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return api.importPipeline(text);
}
