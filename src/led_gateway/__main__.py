from led_gateway.cli import main

main()
