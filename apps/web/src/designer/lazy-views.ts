import { lazy } from 'react';

/**
 * The dashboard (with recharts), the preview panel and the error records are chunks of
 * their own, fetched the first time they are shown: designing needs none of them.
 */
export const Dashboard = lazy(() => import('../dashboard/Dashboard'));
export const PreviewPanel = lazy(() => import('../preview/PreviewPanel'));
export const ErrorRecords = lazy(() => import('../error-records/ErrorRecords'));
