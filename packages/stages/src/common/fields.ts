import Type from 'typebox';
import { Secret } from '@duto/model';

/** Config fields that several stages share, so that each is described once. */

export const SQL_IDENTIFIER = '^[A-Za-z_][A-Za-z0-9_]{0,62}$';
export const SQL_TABLE_NAME = '^[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?$';
export const LANE_NAME = '^[a-z0-9][a-z0-9_-]{0,63}$';
export const KAFKA_TOPIC = '^[A-Za-z0-9._-]{1,249}$';

export const FieldPath = (description: string) =>
  Type.String({ minLength: 1, maxLength: 500, pattern: '^[^.\\s][^\\s]*$', description });

export const MqttBrokerUrl = Type.String({
  pattern: '^(mqtts?|wss?|tcp)://.+',
  default: 'mqtt://127.0.0.1:1883',
  description: 'MQTT broker, as mqtt://host:port (mqtts:// for TLS).',
});

export const MqttQos = Type.Enum([0, 1, 2], {
  default: 1,
  description:
    'Delivery guarantee: 0 at most once (may lose messages), 1 at least once (may repeat), 2 exactly once between client and broker.',
});

export const MqttCredentials = {
  username: Type.Optional(Type.String({ maxLength: 500, description: 'User name, when the broker asks for one.' })),
  password: Type.Optional(Secret({ description: 'Password for the user name; stored encrypted, never exported.' })),
};

export const SqlConnectionString = Type.String({
  pattern: '^(postgres|postgresql|mysql|mariadb)://.+',
  description:
    'Database URL without the password, e.g. postgres://duto@127.0.0.1:5432/shop or mysql://root@127.0.0.1:3306/shop.',
});

export const PostgresConnectionString = Type.String({
  pattern: '^(postgres|postgresql)://.+',
  description: 'PostgreSQL URL without the password, e.g. postgres://duto@127.0.0.1:5432/shop.',
});

export const DatabasePassword = Type.Optional(
  Secret({ description: 'Database password; stored encrypted, never exported. Leave empty for trust authentication.' }),
);

export const SqlTable = (description: string) =>
  Type.String({ pattern: SQL_TABLE_NAME, description: `${description} Letters, digits and _ only, optionally schema.table.` });

export const SqlColumn = (description: string) => Type.String({ pattern: SQL_IDENTIFIER, description });

export const RecordFormat = (formats: string[], defaultFormat: string, description: string) =>
  Type.Enum(formats, { default: defaultFormat, description });
