/** The demo shop's hand-written content; demo-products.ts turns it into rows. Brands are fictional. */

export interface BrandSpec {
  name: string;
  description: string;
}

/** A leaf category and what its products look like. Names are `<style> <item>`, e.g. "Slim-Fit Oxford Shirt". */
export interface ProductLine {
  /** SKU prefix. */
  code: string;
  brands: string[];
  styles: string[];
  items: string[];
  /** Whole currency units; prices end in .99. */
  price: [number, number];
  /** Attributes each variant differs by, first axis first (`{ color: [...], size: [...] }`). */
  options: Record<string, string[]>;
  /** Attributes fixed per product and shared by its variants (`{ material: [...] }`). */
  traits?: Record<string, string[]>;
  /** Sentences for descriptions. */
  features: string[];
  /** Shipping weight in grams. */
  grams: [number, number];
  /** Leaf whose products are offered as cross-sells. */
  crossSell: string;
}

export interface CategorySpec {
  name: string;
  slug: string;
  description: string;
  children?: CategorySpec[];
  line?: ProductLine;
}

export const brands: BrandSpec[] = [
  { name: 'Northwind Apparel', description: 'Everyday menswear cut from durable natural fabrics.' },
  { name: 'Fjord & Pine', description: 'Scandinavian outerwear and knitwear made to last for decades.' },
  { name: 'Linea', description: 'Modern womenswear with clean lines and responsibly sourced fibres.' },
  { name: 'Aurora Audio', description: 'Headphones and speakers tuned by studio engineers.' },
  { name: 'Voltline', description: 'Chargers, cables and cases for the devices you carry every day.' },
  { name: 'Kestrel Computing', description: 'Laptops and peripherals for people who type all day.' },
  { name: 'Ironclad Kitchen', description: 'Cookware and knives forged for a lifetime of cooking.' },
  { name: 'Copperleaf', description: 'Coffee and tea gear for a slower morning.' },
  { name: 'Lumen & Co', description: 'Lamps and lighting designed in a small studio in Porto.' },
  { name: 'Maple & Stone', description: 'Homeware and lighting in natural materials.' },
  { name: 'Summit Gear', description: 'Tents and packs tested on long trails.' },
  { name: 'Bluefin Active', description: 'Training and yoga equipment for home and studio.' },
];

const sizes = ['XS', 'S', 'M', 'L', 'XL'];

export const categoryTree: CategorySpec[] = [
  {
    name: 'Clothing',
    slug: 'clothing',
    description: 'Wardrobe staples and seasonal pieces for men and women.',
    children: [
      {
        name: 'Men',
        slug: 'men',
        description: 'Shirts, jeans and jackets for men.',
        children: [
          {
            name: 'Shirts',
            slug: 'men-shirts',
            description: 'Button-downs, flannels and linen shirts for work and weekend.',
            line: {
              code: 'SHRT', brands: ['Northwind Apparel', 'Fjord & Pine'], styles: ['Classic', 'Slim-Fit', 'Relaxed', 'Heritage'],
              items: ['Oxford Shirt', 'Linen Shirt', 'Flannel Shirt', 'Poplin Shirt', 'Chambray Shirt'], price: [29, 89],
              options: { color: ['white', 'navy', 'sky-blue', 'olive', 'charcoal'], size: sizes }, traits: { material: ['cotton', 'linen'] },
              features: ['A button-down collar keeps its shape without a tie.', 'Pre-washed for softness from the first wear.', 'Cut with a curved hem that works tucked or untucked.', 'Mother-of-pearl buttons are sewn on to stay.'],
              grams: [220, 380], crossSell: 'men-jeans',
            },
          },
          {
            name: 'Jeans',
            slug: 'men-jeans',
            description: 'Selvedge, stretch and raw denim in every fit.',
            line: {
              code: 'JEAN', brands: ['Northwind Apparel'], styles: ['Straight', 'Slim', 'Tapered', 'Relaxed'],
              items: ['Selvedge Jeans', 'Stretch Jeans', 'Raw Denim Jeans', 'Carpenter Jeans'], price: [49, 149],
              options: { color: ['indigo', 'black', 'stone-wash'], size: ['30', '32', '34', '36'] }, traits: { material: ['denim'] },
              features: ['Woven on vintage shuttle looms.', 'A touch of stretch for all-day comfort.', 'Riveted pockets take years of wear.', 'Fades to a pattern that is yours alone.'],
              grams: [600, 900], crossSell: 'men-shirts',
            },
          },
          {
            name: 'Jackets',
            slug: 'men-jackets',
            description: 'Outer layers from light overshirts to winter parkas.',
            line: {
              code: 'JCKT', brands: ['Fjord & Pine', 'Northwind Apparel'], styles: ['Waxed', 'Quilted', 'Lightweight', 'Field'],
              items: ['Jacket', 'Parka', 'Bomber Jacket', 'Overshirt'], price: [89, 299],
              options: { color: ['olive', 'black', 'navy', 'tan'], size: ['S', 'M', 'L', 'XL'] }, traits: { material: ['cotton', 'wool', 'nylon'] },
              features: ['Sheds light rain and wind.', 'Two-way zip and storm flap.', 'Inner pocket sized for a phone.', 'Packs into its own pocket.'],
              grams: [700, 1600], crossSell: 'women-knitwear',
            },
          },
        ],
      },
      {
        name: 'Women',
        slug: 'women',
        description: 'Dresses, tops and knitwear for women.',
        children: [
          {
            name: 'Dresses',
            slug: 'women-dresses',
            description: 'Wrap, midi and shirt dresses for every occasion.',
            line: {
              code: 'DRSS', brands: ['Linea'], styles: ['Floral', 'Linen', 'Pleated', 'Jersey', 'Tiered'],
              items: ['Wrap Dress', 'Midi Dress', 'Shirt Dress', 'Slip Dress'], price: [49, 179],
              options: { color: ['black', 'sage', 'terracotta', 'navy', 'ivory'], size: sizes }, traits: { material: ['viscose', 'linen', 'cotton', 'silk'] },
              features: ['Falls just below the knee.', 'Side pockets hidden in the seams.', 'Fully lined, so no slip is needed.', 'An adjustable tie waist.'],
              grams: [250, 450], crossSell: 'women-knitwear',
            },
          },
          {
            name: 'Tops',
            slug: 'women-tops',
            description: 'T-shirts, blouses and tanks to layer or wear alone.',
            line: {
              code: 'TOPS', brands: ['Linea', 'Northwind Apparel'], styles: ['Ribbed', 'Cropped', 'Oversized', 'Essential'],
              items: ['T-Shirt', 'Tank Top', 'Blouse', 'Long-Sleeve Top'], price: [19, 69],
              options: { color: ['white', 'black', 'rose', 'sage', 'navy'], size: sizes }, traits: { material: ['cotton', 'modal', 'linen'] },
              features: ['Soft enough to sleep in.', 'Keeps its shape wash after wash.', 'A relaxed neckline that sits flat.', 'Garment-dyed for a lived-in colour.'],
              grams: [120, 260], crossSell: 'women-dresses',
            },
          },
          {
            name: 'Knitwear',
            slug: 'women-knitwear',
            description: 'Sweaters and cardigans in wool, cashmere and cotton.',
            line: {
              code: 'KNIT', brands: ['Fjord & Pine', 'Linea', 'Maple & Stone'], styles: ['Chunky', 'Fine-Knit', 'Cable-Knit', 'Oversized'],
              items: ['Sweater', 'Cardigan', 'Turtleneck', 'Knitted Vest'], price: [59, 199],
              options: { color: ['oatmeal', 'charcoal', 'camel', 'forest-green'], size: ['XS', 'S', 'M', 'L'] }, traits: { material: ['wool', 'cashmere', 'cotton'] },
              features: ['Knitted in a family-run mill.', 'Warm without bulk.', 'Ribbed cuffs that keep their grip.', 'Hand wash cold and dry flat.'],
              grams: [300, 700], crossSell: 'women-tops',
            },
          },
        ],
      },
    ],
  },
  {
    name: 'Electronics',
    slug: 'electronics',
    description: 'Audio, computers and the accessories that keep them going.',
    children: [
      {
        name: 'Audio',
        slug: 'audio',
        description: 'Headphones and speakers for home and on the move.',
        children: [
          {
            name: 'Headphones',
            slug: 'headphones',
            description: 'Over-ear, on-ear and in-ear headphones.',
            line: {
              code: 'HDPH', brands: ['Aurora Audio'], styles: ['Studio', 'Noise-Cancelling', 'Sport', 'Travel'],
              items: ['Over-Ear Headphones', 'On-Ear Headphones', 'Earbuds', 'Earphones'], price: [39, 399],
              options: { color: ['black', 'white', 'midnight-blue', 'silver'] }, traits: { connectivity: ['bluetooth', 'wired'] },
              features: ['Up to 30 hours of listening on a charge.', 'Memory-foam cushions for long sessions.', 'A tuned driver with deep, clean bass.', 'Folds flat into the included case.'],
              grams: [40, 320], crossSell: 'chargers',
            },
          },
          {
            name: 'Speakers',
            slug: 'speakers',
            description: 'Portable, bookshelf and smart speakers.',
            line: {
              code: 'SPKR', brands: ['Aurora Audio', 'Voltline'], styles: ['Compact', 'Rugged', 'Premium', 'Mini'],
              items: ['Bluetooth Speaker', 'Bookshelf Speakers', 'Smart Speaker', 'Party Speaker'], price: [29, 499],
              options: { color: ['black', 'grey', 'sand', 'ocean-blue'] }, traits: { connectivity: ['bluetooth', 'wi-fi'] },
              features: ['360° sound fills a room.', 'Waterproof and dustproof to IP67.', 'Pairs two speakers for stereo.', 'Twelve hours of battery.'],
              grams: [300, 4200], crossSell: 'chargers',
            },
          },
        ],
      },
      {
        name: 'Computers',
        slug: 'computers',
        description: 'Laptops and the keyboards and mice to go with them.',
        children: [
          {
            name: 'Laptops',
            slug: 'laptops',
            description: 'Ultralight, everyday and creator laptops.',
            line: {
              code: 'LPTP', brands: ['Kestrel Computing'], styles: ['Ultralight', 'Pro', 'Creator', 'Everyday'],
              items: ['13-inch Laptop', '14-inch Laptop', '15-inch Laptop', '16-inch Laptop'], price: [549, 2499],
              options: { storage: ['256gb', '512gb', '1tb'], color: ['space-grey', 'silver'] },
              features: ['An all-day battery.', 'A bright, colour-accurate display.', 'A backlit keyboard with a glass trackpad.', 'Two USB-C ports that also charge.'],
              grams: [1100, 2300], crossSell: 'keyboards-mice',
            },
          },
          {
            name: 'Keyboards & Mice',
            slug: 'keyboards-mice',
            description: 'Mechanical keyboards, ergonomic mice and trackpads.',
            line: {
              code: 'KBMS', brands: ['Kestrel Computing', 'Voltline'], styles: ['Compact', 'Low-Profile', 'Ergonomic', 'Silent'],
              items: ['Keyboard', 'Mouse', 'Keyboard and Mouse Set', 'Trackpad'], price: [24, 179],
              options: { color: ['black', 'white', 'graphite'] }, traits: { connectivity: ['bluetooth', 'wired', 'usb-c'] },
              features: ['Switches between three devices.', 'Charges over USB-C in minutes.', 'Quiet keys for shared spaces.', 'Shaped to keep wrists neutral.'],
              grams: [90, 1100], crossSell: 'laptops',
            },
          },
        ],
      },
      {
        name: 'Phone Accessories',
        slug: 'phone-accessories',
        description: 'Cases and chargers for your phone.',
        children: [
          {
            name: 'Phone Cases',
            slug: 'phone-cases',
            description: 'Slim, rugged and leather phone cases.',
            line: {
              code: 'CASE', brands: ['Voltline'], styles: ['Magnetic', 'Leather', 'Rugged', 'Slim'],
              items: ['Phone Case', 'Folio Case', 'Wallet Case', 'Bumper Case'], price: [15, 59],
              options: { color: ['black', 'tan', 'navy', 'red', 'sage'] }, traits: { material: ['silicone', 'leather', 'polycarbonate'] },
              features: ['Drop-tested from two metres.', 'Raised edges protect the screen and camera.', 'Works with wireless charging.', 'Holds two cards.'],
              grams: [30, 120], crossSell: 'chargers',
            },
          },
          {
            name: 'Chargers',
            slug: 'chargers',
            description: 'Wall chargers, power banks and wireless pads.',
            line: {
              code: 'CHRG', brands: ['Voltline'], styles: ['Fast', 'Compact', 'Travel', 'Dual-Port'],
              items: ['USB-C Charger', 'Wireless Charging Pad', 'Power Bank', 'Car Charger'], price: [19, 89],
              options: { color: ['white', 'black'] }, traits: { connectivity: ['usb-c'] },
              features: ['Charges a phone to 50% in 30 minutes.', 'Folding prongs for travel.', 'Safe for laptops, tablets and phones.', 'Protects against overheating.'],
              grams: [60, 350], crossSell: 'phone-cases',
            },
          },
        ],
      },
    ],
  },
  {
    name: 'Home',
    slug: 'home',
    description: 'Kitchen and lighting for every room.',
    children: [
      {
        name: 'Kitchen',
        slug: 'kitchen',
        description: 'Cookware, knives and coffee gear.',
        children: [
          {
            name: 'Cookware',
            slug: 'cookware',
            description: 'Skillets, saucepans and Dutch ovens.',
            line: {
              code: 'COOK', brands: ['Ironclad Kitchen'], styles: ['Cast-Iron', 'Stainless', 'Nonstick', 'Carbon-Steel'],
              items: ['Skillet', 'Saucepan', 'Dutch Oven', 'Sauté Pan', 'Wok'], price: [29, 249],
              options: { size: ['20cm', '24cm', '28cm'] },
              features: ['Works on gas, electric and induction.', 'Oven-safe to 260 °C.', 'Riveted handle stays cool.', 'Heats evenly to the edge.'],
              grams: [900, 5200], crossSell: 'knives',
            },
          },
          {
            name: 'Knives',
            slug: 'knives',
            description: "Chef's knives, santokus and knife sets.",
            line: {
              code: 'KNIF', brands: ['Ironclad Kitchen'], styles: ['Damascus', 'Forged', 'Japanese', 'Professional'],
              items: ["Chef's Knife", 'Santoku Knife', 'Paring Knife', 'Bread Knife', 'Knife Block Set'], price: [24, 249],
              options: {}, traits: { material: ['stainless-steel', 'carbon-steel'] },
              features: ['Hand-sharpened to a 15° edge.', 'A full tang for balance.', 'Comes in a gift box.', 'Holds its edge through months of use.'],
              grams: [120, 2400], crossSell: 'cookware',
            },
          },
          {
            name: 'Coffee & Tea',
            slug: 'coffee-tea',
            description: 'Kettles, grinders, presses and espresso machines.',
            line: {
              code: 'COFE', brands: ['Copperleaf'], styles: ['Pour-Over', 'Barista', 'Classic', 'Compact'],
              items: ['Kettle', 'French Press', 'Coffee Grinder', 'Espresso Machine', 'Teapot'], price: [19, 599],
              options: { color: ['black', 'white', 'copper', 'stainless'] },
              features: ['Precise temperature control.', 'Brews a full pot in four minutes.', 'Easy to take apart and clean.', 'A gooseneck spout for a slow pour.'],
              grams: [400, 7800], crossSell: 'cookware',
            },
          },
        ],
      },
      {
        name: 'Lighting',
        slug: 'lighting',
        description: 'Table, desk and floor lamps.',
        children: [
          {
            name: 'Table Lamps',
            slug: 'table-lamps',
            description: 'Bedside, desk and table lamps.',
            line: {
              code: 'LAMP', brands: ['Lumen & Co', 'Maple & Stone'], styles: ['Ceramic', 'Brass', 'Rattan', 'Opal Glass'],
              items: ['Table Lamp', 'Desk Lamp', 'Bedside Lamp'], price: [39, 229],
              options: { color: ['white', 'black', 'brass', 'sage'] },
              features: ['A warm, dimmable glow.', 'Takes a standard E27 bulb.', 'A braided fabric cable.', 'A touch switch on the base.'],
              grams: [800, 3200], crossSell: 'floor-lamps',
            },
          },
          {
            name: 'Floor Lamps',
            slug: 'floor-lamps',
            description: 'Arc, tripod and reading floor lamps.',
            line: {
              code: 'FLMP', brands: ['Lumen & Co', 'Maple & Stone'], styles: ['Arc', 'Tripod', 'Linen-Shade', 'Adjustable'],
              items: ['Floor Lamp', 'Reading Lamp', 'Uplighter'], price: [79, 349],
              options: { color: ['black', 'brass', 'white'] },
              features: ['Stands 160 cm tall.', 'A weighted base that will not tip.', 'A foot switch with three levels.', 'Assembles in minutes without tools.'],
              grams: [3500, 9000], crossSell: 'table-lamps',
            },
          },
        ],
      },
    ],
  },
  {
    name: 'Sports & Outdoors',
    slug: 'sports-outdoors',
    description: 'Fitness equipment and camping gear.',
    children: [
      {
        name: 'Fitness',
        slug: 'fitness',
        description: 'Yoga and strength training at home.',
        children: [
          {
            name: 'Yoga',
            slug: 'yoga',
            description: 'Mats, blocks and straps.',
            line: {
              code: 'YOGA', brands: ['Bluefin Active'], styles: ['Eco', 'Travel', 'Pro', 'Cushioned'],
              items: ['Yoga Mat', 'Yoga Block', 'Yoga Strap', 'Meditation Cushion'], price: [12, 119],
              options: { color: ['plum', 'sage', 'black', 'ocean-blue'] }, traits: { material: ['natural-rubber', 'cork', 'tpe', 'cotton'] },
              features: ['A grippy surface, even when wet.', 'Light enough to carry to class.', 'Free of PVC.', 'Wipes clean in seconds.'],
              grams: [150, 2500], crossSell: 'weights',
            },
          },
          {
            name: 'Weights',
            slug: 'weights',
            description: 'Dumbbells, kettlebells and plates.',
            line: {
              code: 'WGHT', brands: ['Bluefin Active'], styles: ['Adjustable', 'Hex', 'Neoprene', 'Competition'],
              items: ['Dumbbell', 'Kettlebell', 'Weight Plate'], price: [19, 299],
              options: { weight: ['4kg', '8kg', '12kg', '16kg', '20kg'] },
              features: ['A knurled grip that does not slip.', 'Coated to protect your floor.', 'Weight is marked on both sides.', 'Calibrated to within 2%.'],
              grams: [4000, 20000], crossSell: 'yoga',
            },
          },
        ],
      },
      {
        name: 'Camping',
        slug: 'camping',
        description: 'Tents and backpacks for trips of any length.',
        children: [
          {
            name: 'Tents',
            slug: 'tents',
            description: 'Backpacking, dome and family tents.',
            line: {
              code: 'TENT', brands: ['Summit Gear', 'Fjord & Pine'], styles: ['Ultralight', 'Family', 'Dome', 'Backpacking'],
              items: ['2-Person Tent', '4-Person Tent', '6-Person Tent'], price: [129, 599],
              options: { color: ['forest-green', 'orange', 'grey'] },
              features: ['Pitches in under five minutes.', 'A 3000 mm waterproof flysheet.', 'Two doors and two porches.', 'Packs down to the size of a loaf of bread.'],
              grams: [1200, 9500], crossSell: 'backpacks',
            },
          },
          {
            name: 'Backpacks',
            slug: 'backpacks',
            description: 'Daypacks and hiking packs.',
            line: {
              code: 'BKPK', brands: ['Summit Gear', 'Fjord & Pine'], styles: ['Trail', 'Summit', 'Roll-Top', 'Alpine'],
              items: ['Backpack', 'Daypack', 'Hiking Pack', 'Hydration Pack'], price: [39, 249],
              options: { capacity: ['20l', '30l', '45l'], color: ['black', 'forest-green', 'rust'] },
              features: ['A ventilated back panel.', 'Hip-belt pockets for snacks.', 'A rain cover tucked in the base.', 'Fits a 3-litre water bladder.'],
              grams: [600, 2100], crossSell: 'tents',
            },
          },
        ],
      },
    ],
  },
];

/** Attribute definitions; their values are collected from the product lines above. */
export const attributeDefinitions = [
  { name: 'color', displayName: 'Colour', isFilterable: true, isSearchable: true },
  { name: 'size', displayName: 'Size', isFilterable: true, isSearchable: false },
  { name: 'material', displayName: 'Material', isFilterable: true, isSearchable: true },
  { name: 'connectivity', displayName: 'Connectivity', isFilterable: true, isSearchable: true },
  { name: 'storage', displayName: 'Storage', isFilterable: true, isSearchable: false },
  { name: 'capacity', displayName: 'Capacity', isFilterable: true, isSearchable: false },
  { name: 'weight', displayName: 'Weight', isFilterable: true, isSearchable: false },
];

const specialLabels: Record<string, string> = { 'wi-fi': 'Wi-Fi', 'usb-c': 'USB-C', tpe: 'TPE' };

/** How a stored attribute value reads in the shop: "forest-green" → "Forest Green", "512gb" → "512 GB", "20l" → "20 L". */
export function displayValue(value: string): string {
  if (specialLabels[value]) return specialLabels[value];
  const measure = /^(\d+)(cm|kg|l|gb|tb)$/.exec(value);
  if (measure) return `${measure[1]} ${['cm', 'kg'].includes(measure[2]) ? measure[2] : measure[2].toUpperCase()}`;
  return value
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
