import { expect, test } from '@playwright/test';
import { DesignerPage } from '../../pages/designer-page';
import { LakePage } from '../../pages/lake-page';
import { PipelinesPage } from '../../pages/pipelines-page';
import { shot } from '../support/screenshot';
import { cleanUp, ensureStopped, JOURNEY_VIEWPORT, lakeRecords, LOGGED_OUT, logInAsAdmin, newRunId, runMetrics } from './journey';
import { deleteTopic, kafka } from './kafka';
import { forgetSession, MOSQUITTO_URL, publishPaced } from './mosquitto';

test.use({ storageState: LOGGED_OUT, viewport: JOURNEY_VIEWPORT });

const READINGS = 5000;
const ALERTS_TOPIC = 'iot.alerts';
const READINGS_START = Date.UTC(2026, 10, 25, 10, 0, 0);

/**
 * Reading n of 1…5000: every tenth is hot (30.5…33.5 °C), the others 16…30 °C, 30 itself
 * included (the router's condition is strictly above 30). All within one hour of one day,
 * so that the lake's day/hour partition is known.
 */
function reading(n: number) {
  const hot = n % 10 === 0;
  return {
    id: `r-${String(n).padStart(4, '0')}`,
    sensorId: `sensor-${n % 8}`,
    temperature: hot ? 30.5 + (n % 4) : 16 + (n % 15),
    ts: new Date(READINGS_START + n * 100).toISOString(),
  };
}
type Reading = ReturnType<typeof reading>;
const fahrenheit = (celsius: number) => (celsius * 9) / 5 + 32;

test('IoT journey: MQTT readings through Fahrenheit and a router into Kafka alerts and Parquet in the lake', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const run = newRunId();
  const name = `IoT journey ${run}`;
  const mqttTopic = `duto-e2e/${run}/readings`;
  const lakeFolder = `e2e-iot-${run}/readings`;
  const readings = Array.from({ length: READINGS }, (_, i) => reading(i + 1));
  const hot = readings.filter((r) => r.temperature > 30);
  const designer = new DesignerPage(page);
  const list = new PipelinesPage(page);
  const ids = { mqtt: '', expression: '', router: '', kafka: '', lake: '' };
  let pipelineId = '';

  // The issue names the topic: start from none, so that what it holds afterwards is this run's.
  await deleteTopic(ALERTS_TOPIC);
  try {
    await test.step('log in and create a pipeline', async () => {
      await logInAsAdmin(page);
      await expect(page.getByRole('heading', { name: 'Pipelines', exact: true })).toBeVisible();
      pipelineId = await list.create(name);
      await designer.waitUntilOpen();
    });

    await test.step('drag the five stages from the palette', async () => {
      ids.mqtt = await designer.dragStage('origin.mqtt', { x: 130, y: 250 });
      ids.expression = await designer.dragStage('processor.expression', { x: 370, y: 250 });
      ids.router = await designer.dragStage('processor.router', { x: 610, y: 250 });
      ids.kafka = await designer.dragStage('destination.kafka', { x: 850, y: 120 });
      ids.lake = await designer.dragStage('destination.datalake', { x: 850, y: 400 });
    });

    await test.step('configure each stage through its form', async () => {
      await designer.configure(ids.mqtt, { '/brokerUrl': MOSQUITTO_URL, '/qos': '1' });
      await designer.addItem('/topics');
      await designer.fill('/topics/0', mqttTopic);

      await designer.select(ids.expression);
      await designer.addItem('/fields');
      await designer.fill('/fields/0/path', 'fahrenheit');
      await designer.fill('/fields/0/expression', 'temperature * 9/5 + 32');

      await designer.select(ids.router);
      await designer.addItem('/routes');
      await designer.fill('/routes/0/lane', 'alerts');
      await designer.fill('/routes/0/condition', 'temperature > 30');
      await expect(designer.input('/defaultLane')).toHaveValue('default');
      await expect(designer.node(ids.router).getByTestId('handle-out')).toHaveCount(2);

      await designer.configure(ids.kafka, { '/topic': ALERTS_TOPIC, '/key': 'sensorId' });
      await designer.configure(ids.lake, { '/path': lakeFolder, '/partitionBy': 'dt={yyyy}-{MM}-{dd}/hour={HH}', '/timeField': 'ts', '/format': 'parquet', '/rollIntervalMs': '1000' });
    });

    await test.step('connect them: hot readings to Kafka, every reading to the lake', async () => {
      await designer.connectAll([
        [ids.mqtt, ids.expression],
        [ids.expression, ids.router],
        [ids.router, ids.kafka, 'alerts'],
        [ids.router, ids.lake, 'alerts'],
        [ids.router, ids.lake, 'default'],
      ]);
      await expect(page.getByTestId('stage-issue')).toHaveCount(0);
      await page.getByTestId('auto-layout').click();
      await designer.save();
      await shot(page, testInfo, 'iot-1-designed');
    });

    await test.step('start it, open its dashboard, and publish 5,000 readings to Mosquitto', async () => {
      await designer.start();
      await page.getByTestId('view-dashboard').click();
      await expect(page.getByTestId('dashboard')).toBeVisible();
      const taken = async () => (await runMetrics(page.request, pipelineId)).totals.in;
      await publishPaced(mqttTopic, readings.map((r) => JSON.stringify(r)), (published) =>
        expect.poll(taken, { timeout: 30_000, message: 'the pipeline keeps up with the readings' }).toBeGreaterThanOrEqual(published),
      );
    });

    await test.step('the dashboard reaches 5,000 records in', async () => {
      const totalIn = page.getByTestId('dashboard-total-in');
      await expect(totalIn).toHaveAttribute('data-value', String(READINGS), { timeout: 60_000 });
      await expect(totalIn).toHaveText('5k');
      await expect(totalIn).toHaveAttribute('title', '5,000');
      await expect(page.getByTestId('dashboard-total-errors')).toHaveAttribute('data-value', '0');
      const kafkaIn = page.locator(`[data-testid="dashboard-stage-row"][data-stage-id="${ids.kafka}"]`).getByRole('cell').first();
      await expect(kafkaIn).toHaveAttribute('title', String(hot.length));
      await shot(page, testInfo, 'iot-2-dashboard');
    });

    await test.step(`Kafka ${ALERTS_TOPIC} holds exactly the hot readings, in Fahrenheit`, async () => {
      await expect.poll(() => kafka.count(ALERTS_TOPIC), { timeout: 30_000 }).toBe(hot.length);
      const records = await kafka.readAll(ALERTS_TOPIC);
      const received = records.map((r) => r.value as Reading & { fahrenheit: number });
      expect(received).toHaveLength(hot.length);
      expect(new Set(received.map((r) => r.id))).toEqual(new Set(hot.map((r) => r.id)));
      for (const record of received) expect(record.fahrenheit, record.id).toBe(fahrenheit(record.temperature));
      expect(records.every((r) => r.key === (r.value as Reading).sensorId)).toBe(true);
    });

    await test.step('the Data lake page shows the partition and previews a Parquet file', async () => {
      await expect.poll(() => lakeRecords(page.request, lakeFolder), { timeout: 30_000, message: 'every reading in Parquet' }).toBe(READINGS);
      const lake = new LakePage(page);
      await lake.openFromNavigation();
      await lake.openFolders(`${lakeFolder}/dt=2026-11-25/hour=10`);
      await expect(lake.files().first()).toHaveAttribute('data-name', /^part-.*\.parquet$/);
      const preview = await lake.preview(lake.files().first());
      await expect(preview.getByTestId('preview-summary')).toContainText('PARQUET');
      await expect(preview.getByTestId('preview-table').getByRole('columnheader')).toContainText(['#', 'id', 'sensorId', 'temperature', 'ts', 'fahrenheit']);
      await shot(page, testInfo, 'iot-3-lake-parquet');
      const shown = await lake.previewedRecords(preview);
      expect(shown.length).toBeGreaterThan(0);
      const byId = new Map(readings.map((r) => [r.id, r]));
      for (const record of shown) expect(record).toEqual({ ...byId.get(record.id as string), fahrenheit: fahrenheit(byId.get(record.id as string)!.temperature) });
    });

    await test.step('stop it, and export the pipeline as the expected document', async () => {
      await designer.goto(pipelineId);
      await designer.stop();
      await list.goto();
      const exported = await list.exportText(pipelineId);
      const document = JSON.parse(exported.text) as { stages: Array<{ position?: unknown }> };
      // Where the stages sit on the canvas is the auto-layout's business; the rest is what was built,
      // the schema's defaults included, which the forms fill in.
      const withoutPositions = { ...document, stages: document.stages.map(({ position, ...stage }) => stage) };
      expect(withoutPositions).toEqual({
        format: 'duto.pipeline/v1',
        name,
        stages: [
          { id: ids.mqtt, type: 'origin.mqtt', config: { brokerUrl: MOSQUITTO_URL, topics: [mqttTopic], qos: 1, format: 'json' } },
          { id: ids.expression, type: 'processor.expression', config: { fields: [{ path: 'fahrenheit', expression: 'temperature * 9/5 + 32' }] } },
          { id: ids.router, type: 'processor.router', config: { routes: [{ lane: 'alerts', condition: 'temperature > 30' }], defaultLane: 'default' } },
          { id: ids.kafka, type: 'destination.kafka', config: { topic: ALERTS_TOPIC, key: 'sensorId', format: 'json' } },
          {
            id: ids.lake,
            type: 'destination.datalake',
            config: {
              path: lakeFolder,
              partitionBy: 'dt={yyyy}-{MM}-{dd}/hour={HH}',
              timeField: 'ts',
              format: 'parquet',
              compression: 'snappy',
              rollRecords: 100_000,
              rollBytes: 134_217_728,
              rollIntervalMs: 1000,
            },
          },
        ],
        edges: [
          { from: ids.mqtt, to: ids.expression },
          { from: ids.expression, to: ids.router },
          { from: ids.router, to: ids.kafka, lane: 'alerts' },
          { from: ids.router, to: ids.lake, lane: 'alerts' },
          { from: ids.router, to: ids.lake, lane: 'default' },
        ],
      });
    });
  } finally {
    await cleanUp({
      'stop the pipeline': async () => pipelineId && (await ensureStopped(page.request, pipelineId)),
      // The origin's client id when none is configured (packages/stages/src/common/mqtt-client.ts).
      'end its MQTT session': async () => ids.mqtt && (await forgetSession(`duto-${pipelineId}-${ids.mqtt}`.slice(0, 64))),
      'delete the topic': () => deleteTopic(ALERTS_TOPIC),
    });
  }
});
