fn main() { println!("akslint {}", akslint::version()); }
