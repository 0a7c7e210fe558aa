/** What `pnpm start` prints once ready: endpoints and commands that work as printed. */
export interface LocalEndpoints {
  s3Endpoint: string;
  dynamodbEndpoint: string;
  bucket: string;
  table: string;
  region: string;
}

export function usage(local: LocalEndpoints, dataDir: string): string {
  const localJsonPath = `${dataDir}/local.json`;
  const credentials = `AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_DEFAULT_REGION=${local.region}`;
  return `
receipt-ocr local stack is ready
  S3        ${local.s3Endpoint}   bucket "${local.bucket}" (files under ${dataDir}/s3)
  DynamoDB  ${local.dynamodbEndpoint}   table "${local.table}" (data under ${dataDir}/dynamodb)
  written   ${localJsonPath}

Upload a receipt (owner "alice") with the AWS CLI, then read its record:
  export ${credentials}
  aws --endpoint-url ${local.s3Endpoint} s3 cp receipt.jpg "s3://${local.bucket}/uploads/alice/my receipt.jpg"
  aws --endpoint-url ${local.dynamodbEndpoint} dynamodb query --table-name ${local.table} --index-name GSI1 \\
      --no-scan-index-forward --key-condition-expression "GSI1PK = :o" \\
      --expression-attribute-values '{":o":{"S":"OWNER#alice"}}' --output table \\
      --query 'Items[].{id:receiptId.S,status:status.S,merchant:fields.M.merchantName.M.value.S,total:fields.M.total.M.value.S,error:error.M.code.S}'

Or with the SDK (node, from this folder):
  node --input-type=module -e '
    import { readFileSync } from "node:fs";
    import { S3Client, PutObjectCommand } from "@aws-sdk/client-s3";
    const l = JSON.parse(readFileSync("${localJsonPath}", "utf8"));
    const s3 = new S3Client({ endpoint: l.s3Endpoint, region: l.region, forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" });
    await s3.send(new PutObjectCommand({ Bucket: l.bucket, Key: "uploads/alice/lunch.jpg",
      Body: readFileSync(process.argv[1]), ContentType: "image/jpeg" }));' receipt.jpg

Full OCR output lands in s3://${local.bucket}/results/{owner}/{receiptId}.json. Ctrl-C stops; data is kept.
`;
}
