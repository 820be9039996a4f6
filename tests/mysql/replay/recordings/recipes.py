#!/usr/bin/env python3
"""The scenarios this project recorded itself on the oracle (F-RevoCRM 8.0.3), in the format of
../shared/vtiger/oracle/ (its README): the requests made through Vtiger's own webservice, for cases
the shared recordings do not cover. The recordings (<scenario>.json beside this file) are data
Vtiger wrote; this file is how they were made, to make them again.

Needs a Vtiger stood up by ../shared/tools/vtiger-oracle/setup.sh (BASE /tmp/vtiger-oracle, PORT 19200
by default), then, from the repository root:

  VT_BASE=/tmp/vtiger-oracle VT_PORT=19200 GOLD_RAW=/tmp/gold-raw \
    python3 tests/mysql/replay/recordings/recipes.py [scenario ...]

Each scenario runs on a fresh database gold_<scenario> loaded from ../shared/vtiger/frevocrm-8.0.3.sql
(the shared recorder's record.py does the loading, snapshots, diffs and timing); the raw recording is
normalized with the shared normalize.py into tests/mysql/replay/recordings/<scenario>.json.
"""
import os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..', '..'))
ORACLE = os.path.join(ROOT, '..', 'shared', 'vtiger', 'oracle')
sys.path.insert(0, os.path.join(ORACLE, 'recorder'))

import record  # noqa: E402  (the shared recorder)
from scenarios import create, delete, revise, U  # noqa: E402
sys.path.insert(0, ORACLE)
import normalize  # noqa: E402  (the shared normalization)

# Id columns the shared normalization lacks (its fallback takes no column named `id`); the replay's
# TypeScript port (tests/mysql/replay/normalize.ts) lists the same.
normalize.ID_COLUMNS.update({'vtiger_faq': ['id', 'product_id'], 'vtiger_faqcf': ['faqid']})

SCENARIOS = {}

# ------------------------------------------------------------------------------------------ labels
LONG_QUESTION = 'How long may a label be? ' + 'é' * 240 + ' — and the end of a 300-character question ' + 'x' * 5

SCENARIOS['labels'] = {
    'description': 'Labels (vtiger_crmentity.label and the fork\'s copy in the base table) built from values with '
                   'leading/trailing spaces, HTML entities and tags, a <script>, an empty first name, and a value '
                   'longer than the label column (a FAQ question of 300 characters, 2-byte ones among them); '
                   'then a revise that changes a label.',
    'steps': [
        create('create account: name with leading and trailing spaces', 'Accounts', {
            'accountname': '  Spaced Trading Co.  ', 'assigned_user_id': U}, 'acc'),
        create('create contact: both names with surrounding spaces', 'Contacts', {
            'firstname': '  Zoë ', 'lastname': ' Spacey  ', 'assigned_user_id': U}, 'con'),
        create('create contact: no first name', 'Contacts', {
            'lastname': 'Solo', 'assigned_user_id': U}, 'con2'),
        create('create account: entities and tags in the name', 'Accounts', {
            'accountname': 'Tom &amp; Jerry <i>Cartoons</i> &lt;b&gt; & Co', 'assigned_user_id': U}, 'acc2'),
        create('create account: a script in the name', 'Accounts', {
            'accountname': 'Safe <script>alert("x")</script> Ltd', 'assigned_user_id': U}, 'acc3'),
        create('create faq: a question longer than the label column', 'Faq', {
            'question': LONG_QUESTION, 'faq_answer': 'Cut to the column.', 'faqstatus': 'Draft'}, 'faq'),
        revise('revise contact: new first name', lambda c: {'id': c['con'], 'firstname': 'Zoé'}),
    ]}

# ------------------------------------------------------------------------------ purchase order stock
PO_ADDR = {'bill_street': '2-2 Otemachi', 'bill_city': 'Chiyoda-ku', 'ship_street': '2-2 Otemachi',
           'ship_city': 'Chiyoda-ku'}
PO_LINES = lambda c, q1, q2: [
    {'productid': c['pa'], 'quantity': q1, 'listprice': '800'},
    {'productid': c['pb'], 'quantity': q2, 'listprice': '120', 'discount_percent': '5'},
]

SCENARIOS['purchase_order_stock'] = {
    'description': 'Two Products with stock and a Vendor; a PurchaseOrder with two lines (status Created); revise its '
                   'status to Received Shipment; revise its subject while received; revise the status to '
                   'Cancelled; delete it; then a second PurchaseOrder created already received, and its delete. '
                   'Shows what the webservice does to vtiger_products.qtyinstock.',
    'steps': [
        create('create product A (stock 100)', 'Products', {
            'productname': 'Bolt M8', 'unit_price': '1000', 'qtyinstock': '100', 'discontinued': '1',
            'assigned_user_id': U}, 'pa'),
        create('create product B (stock 50)', 'Products', {
            'productname': 'Nut M8', 'unit_price': '150', 'qtyinstock': '50', 'discontinued': '1',
            'assigned_user_id': U}, 'pb'),
        create('create vendor', 'Vendors', {'vendorname': 'Fasteners K.K.', 'assigned_user_id': U}, 'ven'),
        create('create purchase order (Created, two lines)', 'PurchaseOrder', lambda c: dict(
            subject='PO bolts & nuts', vendor_id=c['ven'], postatus='Created', hdnTaxType='individual',
            currency_id='21x1', assigned_user_id=U, productid=c['pa'], LineItems=PO_LINES(c, '10', '20'),
            **PO_ADDR), 'po'),
        revise('revise purchase order: status Received Shipment', lambda c: {
            'id': c['po'], 'postatus': 'Received Shipment'}),
        revise('revise purchase order: subject only, while received', lambda c: {
            'id': c['po'], 'subject': 'PO bolts & nuts (received)'}),
        revise('revise purchase order: status Cancelled', lambda c: {'id': c['po'], 'postatus': 'Cancelled'}),
        delete('delete purchase order', 'po'),
        create('create purchase order already received', 'PurchaseOrder', lambda c: dict(
            subject='PO received on arrival', vendor_id=c['ven'], postatus='Received Shipment',
            hdnTaxType='individual', currency_id='21x1', assigned_user_id=U, productid=c['pa'],
            LineItems=PO_LINES(c, '3', '4'), **PO_ADDR), 'po2'),
        delete('delete the received purchase order', 'po2'),
    ]}


# --------------------------------------------------------------------------------- product bundles
SCENARIOS['product_bundle'] = {
    'description': 'A Product with a sub-product (a bundle: add_related through the Products related list '
                   '"Product Bundles"), then an Invoice with one line of the bundle, then its delete. Shows what '
                   'the webservice writes for sub-products (vtiger_seproductsrel, vtiger_inventorysubproductrel) '
                   'and whose stock moves.',
    'steps': [
        create('create bundle product (stock 20)', 'Products', {
            'productname': 'Starter Kit', 'unit_price': '500', 'qtyinstock': '20', 'discontinued': '1',
            'assigned_user_id': U}, 'kit'),
        create('create sub-product (stock 30)', 'Products', {
            'productname': 'Kit Battery', 'unit_price': '50', 'qtyinstock': '30', 'discontinued': '1',
            'assigned_user_id': U}, 'part'),
        {'name': 'add_related bundle -> sub-product', 'operation': 'add_related',
         'params': lambda c: {'sourceRecordId': c['kit'], 'relatedRecordId': c['part'],
                              'relationIdLabel': 'Product Bundles'}},
        create('create account', 'Accounts', {'accountname': 'Kit Buyer Ltd', 'assigned_user_id': U}, 'acc'),
        create('create invoice with one line of the bundle', 'Invoice', lambda c: {
            'subject': 'Two starter kits', 'account_id': c['acc'], 'invoicestatus': 'Created',
            'bill_street': '3-3 Kanda', 'ship_street': '3-3 Kanda', 'hdnTaxType': 'individual',
            'currency_id': '21x1', 'assigned_user_id': U, 'productid': c['kit'],
            'LineItems': [{'productid': c['kit'], 'quantity': '2', 'listprice': '500'}]}, 'inv'),
        delete('delete invoice', 'inv'),
    ]}


def normalize_raw(raw_path, golden_path):
    """The shared normalize.py's main, with the id columns above."""
    import json
    with open(raw_path, encoding='utf8') as f:
        raw = json.load(f)
    with open(golden_path, 'w', encoding='utf8') as f:
        f.write(normalize.dumps(normalize.normalize(raw)))


if __name__ == '__main__':
    raw = os.environ.get('GOLD_RAW', 'gold-raw')
    os.environ['GOLD_RAW'] = raw
    record.RAW = raw
    for key, scenario in SCENARIOS.items():
        if sys.argv[1:] and key not in sys.argv[1:]:
            continue
        print('==', key)
        record.run_scenario(key, scenario)
        normalize_raw(os.path.join(raw, f'{key}.json'), os.path.join(HERE, f'{key}.json'))
