"""AWS IoT Core rule exports to S3 (direct S3 action and Kinesis Firehose): keys and decoding."""
