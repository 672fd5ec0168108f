import { implementStage } from '@duto/engine';
import { destinationTrash } from './meta';

export const destinationTrashImpl = implementStage(destinationTrash, () => ({
  kind: 'destination',
  runtime: { write: async () => {} },
}));
